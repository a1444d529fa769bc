// "Kiểm điểm, xếp loại" for those who grade (secretaries, committees, the organisation board):
// the periods that grade a unit, each opening its page; opening a new one (OpenPeriodModal);
// a member's own self-assessment is one link away.

import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/session.ts';
import { QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { usePeriods } from './grading-api.ts';
import { kindLabel, periodDates, ruleSetName } from './grading-labels.ts';
import { OpenPeriodModal } from './OpenPeriodModal.tsx';
import { useGradingUnit } from './use-grading-unit.ts';

export default function GradingPage() {
  const t = useT();
  const { data: me } = useMe();
  const [unitId, setUnitId] = useGradingUnit();
  const periods = usePeriods(unitId);
  const [opening, setOpening] = useState(false);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="grading-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('grading.title')}
        </Typography.Title>
        <Space wrap>
          {me?.memberId && (
            <Link to="/grading/me">
              <Button data-testid="grading-to-me">{t('grading.me.title')}</Button>
            </Link>
          )}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="grading-open-period">
            {t('grading.open.button')}
          </Button>
        </Space>
      </div>
      <UnitSelect value={unitId} onChange={setUnitId} ariaLabel={t('grading.unit')} style={{ width: '100%', maxWidth: 480 }} testId="grading-unit" />
      {periods.isError ? (
        <QueryError error={periods.error} onRetry={() => void periods.refetch()} />
      ) : (
        <Card size="small" title={t('grading.periods.title')} loading={periods.isPending && unitId !== null}>
          {periods.data?.items.length ? (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="grading-periods">
              {periods.data.items.map((p) => (
                <li key={p.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="grading-period" data-period-id={p.id}>
                  <Link to={`/grading/periods/${p.id}`} style={{ fontWeight: 600, display: 'inline-block', minHeight: 44, lineHeight: '44px' }}>
                    {p.name} · {p.unitName}
                  </Link>
                  <div>
                    <Tag>{kindLabel(t, p.kind)}</Tag>
                    <Typography.Text type="secondary">
                      {periodDates(p)} · {ruleSetName(t, p.ruleSet.code)}
                    </Typography.Text>
                  </div>
                </li>
              ))}
            </ul>
          ) : (
            <Empty description={t('grading.periods.none')} />
          )}
        </Card>
      )}
      <OpenPeriodModal open={opening} onClose={() => setOpening(false)} unitId={unitId} />
    </Space>
  );
}
