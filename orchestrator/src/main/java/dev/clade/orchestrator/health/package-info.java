/**
 * What {@code /q/health/live} and {@code /q/health/ready} answer (SmallRye Health), for Kubernetes probes and load
 * balancers: the process is alive; it is ready when its database answers and is migrated, its home is writable, the
 * embedded server (when used) is up, the job backends its running campaigns use answer, and it is not shutting down.
 * The endpoints need no token: they tell nothing of campaigns.
 */
package dev.clade.orchestrator.health;
