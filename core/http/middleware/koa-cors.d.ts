/** The part of @koa/cors 5 the engine uses (the package ships no types). */
declare module '@koa/cors' {
  import type { Context, Middleware } from 'koa';

  interface CorsOptions {
    origin?: string | ((ctx: Context) => string | Promise<string>);
    allowMethods?: string | string[];
    allowHeaders?: string | string[];
    exposeHeaders?: string | string[];
    maxAge?: number | string;
    credentials?: boolean | ((ctx: Context) => boolean | Promise<boolean>);
    keepHeadersOnError?: boolean;
    secureContext?: boolean;
    privateNetworkAccess?: boolean;
  }

  export default function cors(options?: CorsOptions): Middleware;
}
