import nodemailer, { type Transporter } from 'nodemailer';
import type { WorkflowServices } from '../../types.js';

const transports = new WeakMap<object, Transporter>();

/** One nodemailer transport per mail setting (kept for the process's life). */
export const mailerOf = (mail: NonNullable<WorkflowServices['mail']>): Transporter => {
  let t = transports.get(mail);
  if (!t) transports.set(mail, (t = nodemailer.createTransport(mail.transport as never)));
  return t;
};
