// The member's new calendar link, to copy or open in the phone's calendar (webcal:).
// Its own chunk: the dialog's code loads only once a link has been made.
import { CalendarOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { useT } from '../../i18n/i18n.ts';

export default function CalendarDialog({ url, onClose }: { url: string; onClose: () => void }) {
  const t = useT();
  const webcal = url.replace(/^https?:/, 'webcal:');
  return (
    <Modal open onCancel={onClose} footer={null} title={t('meetings.calendar.title')} data-testid="calendar-dialog">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>{t('meetings.calendar.howTo')}</Typography.Paragraph>
        <Input readOnly value={url} data-testid="calendar-url" onFocus={(e) => e.target.select()} />
        <Space wrap>
          <Typography.Text copyable={{ text: url }}>{t('meetings.calendar.copy')}</Typography.Text>
          <a href={webcal}>
            <Button type="primary" icon={<CalendarOutlined />}>
              {t('meetings.calendar.open')}
            </Button>
          </a>
        </Space>
        <Alert type="warning" showIcon title={t('meetings.calendar.secret')} />
      </Space>
    </Modal>
  );
}
