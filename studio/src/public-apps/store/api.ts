/** The store's public API (/api/public/<tenant>/x/eshop/…): JSON in and out; a problem answer throws with its code and message. */
export interface Product {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  categoryLabel: Record<string, string> | null;
  specification: string | null;
  model: string | null;
  unitLabel: Record<string, string> | null;
  price: number;
  currency: string;
  available: number | null;
  inStock: boolean;
  description?: string | null;
  components?: { sku: string; name: string; quantity: number }[];
  /** The product's images, each served at the store's public base + `path`. */
  images?: { id: string; name: string | null; path: string }[];
}

export interface CartLine {
  product: Product;
  quantity: number;
  amount: number;
}

export interface Cart {
  token: string;
  /** The cart of a signed-in portal user (their account's). */
  signedIn?: boolean;
  currency: string;
  lines: CartLine[];
  total: number;
}

export class StoreError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }
}

/** A contact signed in to the portal of this tenant (the portal's own session cookie). */
export interface PortalVisitor {
  name: string;
  email: string;
}

export const storeApi = (tenant: string) => {
  const base = `/api/public/${encodeURIComponent(tenant)}/x/eshop`;
  /** The portal session's CSRF token, sent with every write once the visitor is known to be signed in. */
  let csrf = '';
  const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { accept: 'application/json', 'accept-language': document.documentElement.lang || 'en', ...(body !== undefined && { 'content-type': 'application/json' }), ...(csrf && { 'x-csrf-token': csrf }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new StoreError(res.status, json.code ?? 'ERROR', json.detail ?? json.title ?? res.statusText, (json.errors ?? []).map((e: { field: string }) => e.field));
    return json as T;
  };
  return {
    catalogue: (q: string, category: string) => call<{ data: Product[]; currency: string }>('GET', `/catalogue?limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}${category ? `&category=${encodeURIComponent(category)}` : ''}`),
    categories: () => call<{ data: { value: string; label: Record<string, string>; count: number }[] }>('GET', '/categories'),
    product: (id: string) => call<Product>('GET', `/products/${encodeURIComponent(id)}`),
    /** Where the browser loads one of a product's images (a public route that checks the product is for sale). */
    imageUrl: (image: { path: string }) => `${base}${image.path}`,
    /** The portal user signed in to this tenant in this browser, or null. */
    visitor: async (): Promise<PortalVisitor | null> => {
      const res = await fetch('/api/portal/auth/me', { headers: { accept: 'application/json' } }).catch(() => null);
      if (!res?.ok) return null;
      const me = (await res.json()) as { user: PortalVisitor; tenant: { slug: string }; csrfToken: string };
      if (me.tenant.slug !== tenant) return null;
      csrf = me.csrfToken;
      return me.user;
    },
    /** A new cart; for a signed-in visitor their account's cart, into which the anonymous cart `merge` moves. */
    newCart: (merge?: string) => call<Cart>('POST', '/carts', merge ? { merge } : undefined),
    cart: (token: string) => call<Cart>('GET', `/carts/${token}`),
    setItem: (token: string, product: string, quantity: number, price: number) => call<Cart>('PUT', `/carts/${token}/items/${product}`, { quantity, price }),
    removeItem: (token: string, product: string) => call<Cart>('DELETE', `/carts/${token}/items/${product}`),
    checkout: (token: string, buyer: Record<string, string>, expectedTotal: number, key: string) =>
      call<{ order: { code: string; token: string; total: number }; payment: { redirectUrl: string } }>('POST', `/carts/${token}/checkout`, { ...buyer, expectedTotal }, { 'idempotency-key': key }),
    order: (token: string) => call<OrderPage>('GET', `/orders/${token}`),
  };
};

export interface OrderPage {
  code: string;
  status: string;
  total: number;
  currency: string | null;
  lines: { sku: string; name: string; quantity: number; unitPrice: number; amount: number }[];
  payment: { status: string; redirectUrl: string | null } | null;
}

export type StoreApi = ReturnType<typeof storeApi>;

/** A price in the tenant's currency, in the visitor's language. */
export const formatPrice = (amount: number, currency: string, locale: string): string => {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
};
