import { Inject, Injectable } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../infra/config/app-config.js';
import type { DigestMessage } from './digest-composer.js';

/** SMTP through nodemailer (SMTP_URL). Only used when mail is on. */
@Injectable()
export class Mailer {
  private transport: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.smtpUrl !== null;
  }

  async send(params: { to: string[]; message: DigestMessage }): Promise<void> {
    if (!this.config.smtpUrl) throw new Error('Mail is off: SMTP_URL is not set');
    this.transport ??= nodemailer.createTransport(this.config.smtpUrl);
    const { message } = params;
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: params.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      attachments: [
        {
          filename: message.attachment.filename,
          content: message.attachment.content,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      ],
    });
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}
