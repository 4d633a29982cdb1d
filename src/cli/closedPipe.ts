/**
 * `npm run --silent personas -- list | head -3` closes our stdout early: that is the reader's choice, not an
 * error, so the command ends quietly instead of printing a stack trace.
 */
export function endQuietlyWhenOutputCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
