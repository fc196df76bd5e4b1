/** Placeholder for the engine-v1 module; its issue fills it. */
package dev.mountflow.enginev1;
