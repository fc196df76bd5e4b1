/** Placeholder for the plugins module; its issue fills it. */
package dev.mountflow.plugins;
