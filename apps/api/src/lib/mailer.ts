import nodemailer, { type Transporter } from "nodemailer";

export interface Mail {
  to: string;
  /** Copied in: addresses, comma-separated. */
  cc?: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** False without SMTP_URL: nothing can be sent, and callers record that instead. */
  configured: boolean;
  send(mail: Mail): Promise<void>;
}

/** Sends through SMTP_URL with nodemailer; a slow or dead server fails within seconds, never hangs a request. */
export function createMailer(smtpUrl: string | null, from: string): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      send: () => Promise.reject(new Error("no mail server configured")),
    };
  }
  let transport: Transporter | undefined;
  return {
    configured: true,
    async send(mail) {
      transport ??= nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
      await transport.sendMail({ ...mail, from });
    },
  };
}
