/** Placeholder for the property-tests module; its issue fills it. */
package dev.mountflow.propertytests;
