// The paper path on a meeting's page, for members without a phone: the notice to post or
// hand out and the sign-in sheet to pass round the room, each to print or as .docx; and,
// for the secretary, entering attendance from the signed sheet.

import { DownloadOutlined, EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { apiUrl, download } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.ts';
import { showError } from '../../lib/notify.ts';
import type { Meeting } from './meetings-api.ts';

const TAP = { minHeight: 44 };

function Paper({ meeting: m, paper, label }: { meeting: Meeting; paper: 'notice' | 'sign-in-sheet'; label: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  async function docx() {
    setBusy(true);
    try {
      await download(`/meetings/${m.id}/${paper}.docx`, undefined, `${paper}-${m.heldOn}.docx`);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {label}
      </Typography.Text>
      <Space wrap>
        <a href={apiUrl(`/meetings/${m.id}/${paper}/print`)} target="_blank" rel="noopener noreferrer" data-testid={`${paper}-print`}>
          <Button icon={<PrinterOutlined />} style={TAP}>
            {t('meetings.papers.print')}
          </Button>
        </a>
        <Button icon={<DownloadOutlined />} onClick={() => void docx()} loading={busy} style={TAP} data-testid={`${paper}-docx`}>
          {t('meetings.papers.docx')}
        </Button>
      </Space>
    </div>
  );
}

/** To the screen where the secretary enters attendance from the signed sheet. */
export function SheetEntryLink({ meetingId }: { meetingId: number }) {
  const t = useT();
  return (
    <Link to={`/meetings/${meetingId}/sheet-entry`} data-testid="sheet-entry-link">
      <Button type="primary" icon={<EditOutlined />} style={TAP}>
        {t('meetings.papers.enter')}
      </Button>
    </Link>
  );
}

export function PapersCard({ meeting: m }: { meeting: Meeting }) {
  const t = useT();
  if (m.status === 'cancelled') return null;
  return (
    <Card size="small" title={t('meetings.papers.title')} data-testid="papers-card">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('meetings.papers.hint')}</Typography.Text>
        <Paper meeting={m} paper="notice" label={t('meetings.papers.notice')} />
        <Paper meeting={m} paper="sign-in-sheet" label={t('meetings.papers.sheet')} />
        {m.canManage && m.minutesStatus !== 'adopted' && <SheetEntryLink meetingId={m.id} />}
      </Space>
    </Card>
  );
}
