import Router from '@koa/router';

/** GET /api/health: 200 once the server is ready (migrations done), 503 before. */
export const healthRoutes = (ready: () => boolean): Router => {
  const r = new Router();
  r.get('/api/health', async (ctx) => {
    const ok = ready();
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'starting' };
  });
  return r;
};
