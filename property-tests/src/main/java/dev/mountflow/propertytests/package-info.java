/**
 * Property tests of mountflow; everything is in the test sources. Generated layouts
 * ({@code mountRecipes()}) are built for real in private namespaces, dumped and restored by every
 * engine on the classpath; generated images ({@code mountForests()}, {@code sharingTopologies()})
 * exercise the codecs, the validator and the comparator without root. See the module's README.
 */
package dev.mountflow.propertytests;
