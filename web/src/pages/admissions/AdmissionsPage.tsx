// A cell's pipeline (quần chúng ưu tú → đảng viên chính thức): the candidates grouped by the
// stage they are at, each with their next deadline, most urgent first; adding a candidate.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { groupBy } from '../../../../src/domain/group-by.ts';
import { api } from '../../api/client.ts';
import { usePermission } from '../../auth/session.ts';
import { ActionModal } from '../../components/ActionModal.tsx';
import { DateItem } from '../../components/DateInput.tsx';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showDate } from '../../lib/dates.ts';
import { useMeetingUnit } from '../meetings/MeetingsPage.tsx';
import { type Candidate, type CandidateBrief, useCandidates, useCandidateWrite } from './admissions-api.ts';
import { DeadlineText } from './DeadlineTag.tsx';

interface NewCandidate {
  fullName: string;
  sex: 'nam' | 'nu';
  dateOfBirth: string;
  residence?: string;
  occupation?: string;
  sourceOn: string;
}

const TAP = { minHeight: 44 };
/** The stages in the pipeline's order (the server's admission.ts), for the groups on the page. */
const STAGES: CandidateBrief['stage'][] = [
  'source',
  'helper_assigned',
  'awareness_course',
  'application',
  'dossier',
  'cell_resolution',
  'committee_resolution',
  'decision',
  'ceremony',
  'probation',
  'recognised',
  'strike_off_proposed',
];

export default function AdmissionsPage() {
  const t = useT();
  const may = usePermission();
  const navigate = useNavigate();
  const [unitId, setUnitId] = useMeetingUnit();
  const [all, setAll] = useState(false);
  const [adding, setAdding] = useState(false);
  const list = useCandidates(unitId, all);
  const create = useCandidateWrite((v: NewCandidate) =>
    api<Candidate>('/admissions/candidates', {
      method: 'POST',
      body: { unitId, fullName: v.fullName, sex: v.sex, dateOfBirth: v.dateOfBirth, residence: v.residence, occupation: v.occupation, sourceOn: v.sourceOn },
    }),
  );
  const byStage = groupBy(list.data?.items ?? [], (c: CandidateBrief): string => c.stage);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="admissions-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admissions.title')}
        </Typography.Title>
        {may('write_members') && unitId && (
          <Button type="primary" icon={<PlusOutlined />} style={TAP} onClick={() => setAdding(true)} data-testid="candidate-add">
            {t('admissions.add')}
          </Button>
        )}
      </div>
      <Card size="small">
        <UnitSelect value={unitId} onChange={setUnitId} testId="admissions-unit" allowClear={false} ariaLabel={t('admissions.unit')} />
        <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} style={{ marginTop: 8, minHeight: 44, alignItems: 'center' }}>
          {t('admissions.showAll')}
        </Checkbox>
        <div>
          <Link to="/calendar-days" data-testid="admissions-calendar-link" style={{ display: 'inline-block', minHeight: 44, lineHeight: '44px' }}>
            {t('admissions.calendar.title')}
          </Link>
        </div>
      </Card>
      {!unitId ? (
        <Empty description={t('admissions.pickUnit')} />
      ) : list.isPending ? (
        <PageLoading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t('admissions.empty')} />
      ) : (
        STAGES.filter((s) => byStage.has(s)).map((stage) => (
          <Card
            key={stage}
            size="small"
            title={`${t(`admissions.stage.${stage}`)} (${byStage.get(stage)!.length})`}
            data-testid="pipeline-stage"
            data-stage={stage}
          >
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {byStage.get(stage)!.map((c) => (
                <li key={c.id} style={{ borderTop: '1px solid #f0f0f0', padding: '10px 0' }} data-testid="candidate-row" data-candidate-id={c.id}>
                  <Link to={`/admissions/${c.id}`} style={{ fontWeight: 600, fontSize: 17, display: 'inline-block', minHeight: 32 }}>
                    {c.fullName}
                  </Link>
                  <div style={{ color: 'rgba(0,0,0,0.55)' }}>
                    {t('admissions.born', { date: showDate(c.dateOfBirth) })}
                    {c.unitId !== unitId && ` · ${c.unitName}`}
                  </div>
                  <DeadlineText d={c.next} />
                </li>
              ))}
            </ul>
          </Card>
        ))
      )}
      <ActionModal<NewCandidate>
        open={adding}
        onClose={() => setAdding(false)}
        title={t('admissions.add')}
        testId="candidate-form"
        initialValues={{ sex: 'nam' }}
        confirmText={(v) => `${v.fullName} — ${t('admissions.stage.source')}`}
        submit={async (v) => {
          const c = await create.mutateAsync(v);
          navigate(`/admissions/${c.id}`);
        }}
      >
        <Form.Item name="fullName" label={t('admissions.form.fullName')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="candidate-name" autoComplete="off" />
        </Form.Item>
        <Form.Item name="sex" label={t('admissions.form.sex')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={(['nam', 'nu'] as const).map((s) => ({ value: s, label: t(`sex.${s}`) }))} />
        </Form.Item>
        <DateItem name="dateOfBirth" label={t('admissions.form.dateOfBirth')} rules={[{ required: true }]} notFuture testId="candidate-birth" />
        <Form.Item name="residence" label={t('admissions.form.residence')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="occupation" label={t('admissions.form.occupation')}>
          <Input autoComplete="off" />
        </Form.Item>
        <DateItem name="sourceOn" label={t('admissions.form.sourceOn')} rules={[{ required: true }]} notFuture testId="candidate-source-on" />
      </ActionModal>
    </Space>
  );
}
