import { ref } from 'vue';
import { StoreError, type Cart, type PortalVisitor, type StoreApi } from './api.js';

/** The visitor's cart: its token kept in this browser per store; an expired or checked-out cart is replaced by a new one. */
export const useCart = (tenant: string, api: StoreApi) => {
  const key = `crm.store.${tenant}.cart`;
  const cart = ref<Cart | null>(null);
  const visitor = ref<PortalVisitor | null>(null);
  const remember = (c: Cart): Cart => {
    cart.value = c;
    try {
      localStorage.setItem(key, c.token);
    } catch {
      /* private mode */
    }
    return c;
  };
  const fresh = async (): Promise<Cart> => remember(await api.newCart());
  /** Signed in to the portal: the account's cart, with what was shopped here anonymously merged into it. */
  const load = async (): Promise<void> => {
    let token: string | null = null;
    try {
      token = localStorage.getItem(key);
    } catch {
      /* private mode */
    }
    visitor.value = await api.visitor();
    if (visitor.value) {
      remember(await api.newCart(token ?? undefined));
      return;
    }
    if (!token) return;
    try {
      remember(await api.cart(token));
    } catch (e) {
      if (e instanceof StoreError && e.status < 500) localStorage.removeItem(key);
    }
  };
  const ensure = async (): Promise<Cart> => cart.value ?? fresh();
  const set = async (product: string, quantity: number, price: number): Promise<void> => {
    let c = await ensure();
    try {
      remember(await api.setItem(c.token, product, quantity, price));
    } catch (e) {
      if (!(e instanceof StoreError) || (e.status !== 410 && e.status !== 404 && e.code !== 'ESHOP_CART_ORDERED')) throw e;
      c = await fresh();
      remember(await api.setItem(c.token, product, quantity, price));
    }
  };
  const remove = async (product: string): Promise<void> => {
    if (cart.value) remember(await api.removeItem(cart.value.token, product));
  };
  const forget = (): void => {
    cart.value = null;
    try {
      localStorage.removeItem(key);
    } catch {
      /* private mode */
    }
  };
  return { cart, visitor, load, set, remove, forget };
};
