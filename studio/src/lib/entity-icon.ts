import {
  Box,
  Calendar,
  ChatDotRound,
  Coin,
  Document,
  Goods,
  House,
  OfficeBuilding,
  Phone,
  Setting,
  ShoppingCart,
  Tickets,
  User,
  UserFilled,
  Warning,
} from '@element-plus/icons-vue';
import type { Component } from 'vue';

const ICONS: Record<string, Component> = {
  'office-building': OfficeBuilding,
  building: OfficeBuilding,
  chat: ChatDotRound,
  user: User,
  users: UserFilled,
  warning: Warning,
  box: Box,
  goods: Goods,
  product: Goods,
  cart: ShoppingCart,
  order: Tickets,
  tickets: Tickets,
  calendar: Calendar,
  phone: Phone,
  money: Coin,
  coin: Coin,
  house: House,
  warehouse: House,
  setting: Setting,
};

/** The icon component for an entity's `icon` name (a generic document when unknown). */
export const entityIcon = (name: string | undefined): Component => (name && ICONS[name]) || Document;

/** The icon names an entity may take (for the studio's icon picker). */
export const ENTITY_ICON_NAMES: string[] = Object.keys(ICONS);
