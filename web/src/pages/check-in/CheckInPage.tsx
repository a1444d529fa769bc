// Self check-in from a phone: type the 6-digit code read out in the room, or open the
// link of the QR code (/check-in?qr=…), which checks in at once. The server decides —
// inside the window, on this cell's roll, only once — and its Vietnamese refusal is shown.
// Someone logged out is sent to the login page, which brings them back here (?next=).

import { QrcodeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { errorText } from '../../lib/notify.ts';
import { vnTime } from '../meetings/meeting-labels.ts';
import { type CheckInResult, meetingKeys } from '../meetings/meetings-api.ts';

export default function CheckInPage() {
  const t = useT();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const qr = params.get('qr');
  // Not a mutation hook: the app shows failed mutations as a passing message, and a
  // refusal here belongs on the page itself, where the member reads it.
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const send = useCallback(
    async (body: { code: string } | { qr: string }) => {
      setBusy(true);
      setError(null);
      try {
        setResult(await api<CheckInResult>('/meetings/check-in', { method: 'POST', body }));
        void queryClient.invalidateQueries({ queryKey: meetingKeys.mine });
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [queryClient],
  );

  // Opening the QR link checks in once; a re-render of the same page does not ask twice.
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (qr && sent.current !== qr) {
      sent.current = qr;
      void send({ qr });
    }
  }, [qr, send]);

  const valid = /^\d{6}$/.test(code);
  const r = result;

  if (r) {
    return (
      <Card style={{ maxWidth: 520, margin: '0 auto' }}>
        {/* A second scan is no error: the member is told calmly when the first one was. */}
        <Result
          status="success"
          title={
            <span data-testid={r.alreadyCheckedIn ? 'check-in-already' : 'check-in-success'}>
              {r.alreadyCheckedIn ? t('meetings.checkInPage.already', { time: vnTime(r.checkedInAt) }) : t('meetings.checkInPage.success')}
            </span>
          }
          subTitle={r.alreadyCheckedIn ? t('meetings.checkInPage.alreadyNote') : t('meetings.checkInPage.successAt', { time: vnTime(r.checkedInAt) })}
          extra={
            <Link to="/my-meetings">
              <Button type="primary" data-testid="check-in-done">
                {t('meetings.my.title')}
              </Button>
            </Link>
          }
        />
        <Descriptions size="small" column={1} bordered data-testid="check-in-meeting">
          <Descriptions.Item label={t('meetings.fields.unit')}>{r.meeting.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.fields.topic')}>{r.meeting.topic}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.fields.date')}>
            {showDate(r.meeting.heldOn)} · {r.meeting.startTime}–{r.meeting.endTime}
          </Descriptions.Item>
          <Descriptions.Item label={t('meetings.fields.place')}>{r.meeting.place}</Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }

  return (
    <Card style={{ maxWidth: 520, margin: '0 auto' }} data-testid="check-in-page">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('meetings.checkInPage.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{qr && error === null ? t('meetings.checkInPage.byQr') : t('meetings.checkInPage.hint')}</Typography.Text>
        </div>
        {/* Too early is no failure: the member is told when it opens, without red. */}
        {error !== null && (
          <Alert
            type={error instanceof ApiError && error.problem.code === 'meetings.check_in_not_open' ? 'info' : 'error'}
            showIcon
            title={<span data-testid="check-in-error">{errorText(error)}</span>}
          />
        )}
        {qr && busy && <Alert type="info" showIcon icon={<QrcodeOutlined />} title={t('meetings.checkInPage.checking')} />}
        <Form
          layout="vertical"
          onFinish={() => {
            if (valid) void send({ code });
          }}
          requiredMark={false}
        >
          <Form.Item label={t('meetings.checkInPage.codeLabel')} style={{ marginBottom: 12 }}>
            <Input
              size="large"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus={!qr}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
              placeholder="••••••"
              data-testid="check-in-code-input"
              style={{ fontSize: 32, letterSpacing: 12, textAlign: 'center', fontVariantNumeric: 'tabular-nums' }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block disabled={!valid} loading={busy} data-testid="check-in-submit">
            {t('meetings.checkInPage.submit')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
