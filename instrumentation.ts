// Runs once when the server starts (never during `next build`). The work lives in a Node-only
// module so that nothing of it is compiled for the Edge runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('@/lib/startup');
    await startServer();
  }
}
