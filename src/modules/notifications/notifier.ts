// The pluggable notifier. Every notice is first an in-app row (notices table), which the
// member sees on their page; then each configured channel may deliver it elsewhere.
// Today that is email through nodemailer when SMTP_URL is set; an SMS or Zalo channel
// would be one more NoticeChannel.

import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import { type Lang, t } from '../../i18n/messages.ts';

export interface RenderedNotice {
  noticeId: number;
  memberId: number;
  email: string | null;
  title: string;
  body: string;
  link: string | null;
}

export interface NoticeChannel {
  name: string;
  /** True when delivered; false when this channel has nothing to deliver to (no address). */
  send(notice: RenderedNotice): Promise<boolean>;
}

export interface Notifier {
  channels: NoticeChannel[];
  publicUrl: string | null;
}

export class EmailChannel implements NoticeChannel {
  name = 'email';
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly publicUrl: string | null;

  constructor(transport: Transporter, from: string, publicUrl: string | null) {
    this.transport = transport;
    this.from = from;
    this.publicUrl = publicUrl;
  }

  async send(notice: RenderedNotice): Promise<boolean> {
    if (!notice.email) return false;
    const link = notice.link && this.publicUrl ? `\n\n${this.publicUrl}${notice.link}` : '';
    await this.transport.sendMail({ from: this.from, to: notice.email, subject: notice.title, text: `${notice.body}${link}` });
    return true;
  }
}

/** The notifier for this process: email only when SMTP_URL is configured. */
export function notifierFromEnv(env: NodeJS.ProcessEnv = process.env): Notifier {
  const publicUrl = env.CHIBO_PUBLIC_URL ?? null;
  const channels: NoticeChannel[] = [];
  if (env.SMTP_URL) channels.push(new EmailChannel(nodemailer.createTransport(env.SMTP_URL), env.SMTP_FROM ?? 'chibo <no-reply@chibo.local>', publicUrl));
  return { channels, publicUrl };
}

export interface NoticeRow {
  id: number;
  member_id: number;
  kind: string;
  meeting_id: number | null;
  params: unknown;
}

export function renderNotice(lang: Lang, n: NoticeRow): { title: string; body: string; link: string | null } {
  const params = (n.params ?? {}) as Record<string, string | number>;
  return {
    title: t(lang, `notices.${n.kind}.title`, params),
    body: t(lang, `notices.${n.kind}.body`, params),
    link: n.meeting_id
      ? `/meetings/${n.meeting_id}`
      : typeof params.candidateId === 'number'
        ? `/admissions/${params.candidateId}`
        : typeof params.taskId === 'number'
          ? `/tasks/${params.taskId}`
          : null,
  };
}
