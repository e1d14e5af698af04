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
}

export interface CartLine {
  product: Product;
  quantity: number;
  amount: number;
}

export interface Cart {
  token: string;
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

export const storeApi = (tenant: string) => {
  const base = `/api/public/${encodeURIComponent(tenant)}/x/eshop`;
  const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { accept: 'application/json', 'accept-language': document.documentElement.lang || 'en', ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
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
    newCart: () => call<Cart>('POST', '/carts'),
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
