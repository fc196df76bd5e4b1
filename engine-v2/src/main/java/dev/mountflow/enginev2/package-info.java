/** Placeholder for the engine-v2 module; its issue fills it. */
package dev.mountflow.enginev2;
