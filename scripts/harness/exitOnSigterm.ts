/**
 * Preloaded (`node --require`) by scripts/profileGap.ts into both processes it profiles: exits at once on
 * SIGTERM, so that `--cpu-prof` writes the profile, also for the bench's echo child mode, which has no handler.
 */
process.once('SIGTERM', () => process.exit(0));

export {};
