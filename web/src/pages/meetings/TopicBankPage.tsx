// The topic bank (ngân hàng chuyên đề) of a unit: topics its committees above published
// to every unit below them, and its own; which units used each; adding a topic, local or
// published to the units below.

import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Empty, Form, Input, List, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { usePermission } from '../../auth/session.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { showSuccess } from '../../lib/notify.ts';
import { useMeetingUnit } from './MeetingsPage.tsx';
import { meetingKeys, type Topic, useTopics } from './meetings-api.ts';

interface TopicValues {
  title: string;
  summary?: string;
  published: boolean;
}

export default function TopicBankPage() {
  const t = useT();
  const may = usePermission();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useMeetingUnit();
  const topics = useTopics(unitId);
  const [adding, setAdding] = useState(false);
  const create = useMutation({
    mutationFn: (v: TopicValues) =>
      api<{ items: Topic[] }>('/meeting-topics', {
        method: 'POST',
        body: { unitId, title: v.title.trim(), summary: v.summary?.trim() || null, published: v.published },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(meetingKeys.topics(unitId!), saved);
      showSuccess(t('common.saved'));
    },
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="topics-page">
      <Breadcrumb
        items={[{ title: <Link to={`/meetings${unitId ? `?unitId=${unitId}` : ''}`}>{t('meetings.list.title')}</Link> }, { title: t('meetings.topics.title') }]}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('meetings.topics.title')}
        </Typography.Title>
        {may('manage_meetings') && unitId && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="topic-add">
            {t('meetings.topics.add')}
          </Button>
        )}
      </div>
      <Card size="small">
        <UnitSelect value={unitId} onChange={setUnitId} testId="topics-unit" allowClear={false} />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('meetings.topics.intro')}
        </Typography.Paragraph>
      </Card>
      {!unitId ? (
        <Empty description={t('meetings.list.pickUnit')} />
      ) : topics.isPending ? (
        <PageLoading />
      ) : topics.isError ? (
        <QueryError error={topics.error} onRetry={() => void topics.refetch()} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <List
            dataSource={topics.data.items}
            locale={{ emptyText: <Empty description={t('meetings.topics.empty')} /> }}
            renderItem={(topic) => (
              <List.Item data-testid="topic-row" data-topic-id={topic.id} style={{ display: 'block', padding: '10px 12px' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Typography.Text strong data-testid="topic-title">
                      {topic.title}
                    </Typography.Text>
                    <div style={{ marginTop: 2 }}>
                      <Tag color={topic.published ? 'blue' : 'default'}>{topic.published ? t('meetings.topics.published') : t('meetings.topics.local')}</Tag>
                      <Typography.Text type="secondary">
                        {topic.unitName} · {showDate(topic.createdAt.slice(0, 10))}
                      </Typography.Text>
                    </div>
                    {topic.summary && (
                      <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }}>
                        {topic.summary}
                      </Typography.Paragraph>
                    )}
                    <div style={{ marginTop: 4 }} data-testid="topic-used">
                      {topic.usedBy.length === 0 ? (
                        <Typography.Text type="secondary">{t('meetings.topics.unused')}</Typography.Text>
                      ) : (
                        <Typography.Text>
                          {t('meetings.topics.usedBy')}{' '}
                          {topic.usedBy.map((u, i) => (
                            <span key={u.unitId}>
                              {i > 0 ? '; ' : ''}
                              <Link to={`/meetings?unitId=${u.unitId}`}>{u.unitName}</Link> (
                              {t('meetings.topics.usage', { count: u.meetings, date: showDate(u.lastHeldOn) })})
                            </span>
                          ))}
                        </Typography.Text>
                      )}
                    </div>
                  </div>
                  {may('manage_meetings') && (
                    <Button size="small" onClick={() => navigate(`/meetings/new?unitId=${unitId}&kind=thematic&topicId=${topic.id}`)} data-testid="topic-use">
                      {t('meetings.topics.use')}
                    </Button>
                  )}
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
      <ActionModal<TopicValues>
        open={adding}
        onClose={() => setAdding(false)}
        title={t('meetings.topics.add')}
        testId="topic-form"
        initialValues={{ published: false }}
        confirmText={(v) => (v.published ? t('meetings.topics.confirmPublished', { title: v.title }) : t('meetings.topics.confirmLocal', { title: v.title }))}
        submit={(v) => create.mutateAsync(v)}
      >
        <Form.Item name="title" label={t('meetings.topics.fieldTitle')} rules={[{ required: true, message: t('validation.required') }, { max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="topic-title-input" />
        </Form.Item>
        <Form.Item name="summary" label={t('meetings.topics.summary')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="topic-summary" />
        </Form.Item>
        <Form.Item name="published" label={t('meetings.topics.publish')} valuePropName="checked" extra={t('meetings.topics.publishHint')}>
          <Switch data-testid="topic-published" />
        </Form.Item>
      </ActionModal>
    </Space>
  );
}
