/**
 * Generic numerical linear algebra and root finding the stability theory and the curvature estimators share:
 * {@link dev.zotuner.tuner.linalg.SymmetricEigen} (the cyclic Jacobi eigenvalue method) and
 * {@link dev.zotuner.tuner.linalg.RootFinder} (Brent's method). Depends on nothing else in the toolkit.
 */
package dev.zotuner.tuner.linalg;
