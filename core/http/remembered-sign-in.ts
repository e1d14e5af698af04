import type Router from '@koa/router';
import type { Context, Next } from 'koa';

/**
 * A route's declaration that it accepts a remembered sign-in: put it first in the route's
 * middleware (`r.get('/:entity', rememberedSignIn, …)`). Such a route must do its work
 * through inTenant (core/work's builder), whose first statement re-checks the remembered
 * answer (the gate) and resolves the token afresh when it no longer holds. Every other
 * route resolves the token in full before it runs.
 */
export const rememberedSignIn = async (_ctx: Context, next: Next): Promise<void> => next();

/**
 * Whether the route that will answer this request declared rememberedSignIn: the first
 * route (in the order the routers are mounted) whose method and path match decides, as
 * it is the one Koa will run.
 */
export const acceptsRememberedSignIn = (routers: Router[]) => {
  const layers = routers.flatMap((r) => r.stack.filter((l) => l.methods.length > 0));
  return (ctx: Context): boolean => {
    const route = layers.find((l) => l.methods.includes(ctx.method) && l.match(ctx.path));
    return route?.stack.includes(rememberedSignIn as never) ?? false;
  };
};
