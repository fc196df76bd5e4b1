/** Placeholder for the bench module; its issue fills it. */
package dev.mountflow.bench;
