// Shared by server.rush and its load process (rush-load.ts, which runs as soon as it is imported).

/** The line the load process prints once the warm-up is over, just before the rush starts. */
export const RUSH_STARTS = 'rush starts';
