// Results of a unit (and the units under it) for a period (issue 9 item 6): members and
// organisations by grade, each share with its numerator and denominator, of those graded and
// of all; who was left out and why; the "Chi bộ 4 tốt" cells and the split between cells
// under grassroots committees and grassroots cells; the result table as xlsx.

import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { download } from '../../api/client.ts';
import { PageLoading, QueryError } from '../../components/QueryState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useLang, useT } from '../../i18n/i18n.ts';
import { asIso, showDate } from '../../lib/dates.ts';
import { showError } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';
import { type Grade, type Results, useResults } from './grading-api.ts';
import { gradeLabel, gradeShort, percentText } from './grading-labels.ts';
import { useGradingUnit } from './use-grading-unit.ts';

type Share = { n: number; of: number };
type Row = { grade: Grade; ofGraded: Share; ofAll: Share };

export default function ResultsPage() {
  const t = useT();
  const [params] = useSearchParams();
  const [unitId, setUnitId] = useGradingUnit();
  const startsOn = asIso(params.get('startsOn'));
  const endsOn = asIso(params.get('endsOn'));
  const periodId = Number(params.get('periodId')) || null;
  const results = useResults(unitId, startsOn, endsOn);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="grading-results-page">
      <div>
        {periodId && (
          <Link to={`/grading/periods/${periodId}`} data-testid="results-back">
            {t('grading.results.back')}
          </Link>
        )}
        <Typography.Title level={3} style={{ margin: '4px 0' }}>
          {t('grading.results.title')}
        </Typography.Title>
        {startsOn && endsOn && (
          <Typography.Text type="secondary">
            {showDate(startsOn)} – {showDate(endsOn)}
          </Typography.Text>
        )}
      </div>
      <Space wrap style={{ width: '100%' }}>
        <UnitSelect value={unitId} onChange={setUnitId} ariaLabel={t('grading.unit')} style={{ width: 360, maxWidth: '100%' }} testId="results-unit" />
        {periodId && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void download(`/grading/periods/${periodId}/export.xlsx`, undefined, `xep-loai-ky-${periodId}.xlsx`).catch(showError)}
            data-testid="results-export"
          >
            {t('grading.period.export')}
          </Button>
        )}
      </Space>
      {!startsOn || !endsOn ? (
        <Typography.Text>{t('grading.results.pickPeriod')}</Typography.Text>
      ) : results.isPending ? (
        <PageLoading />
      ) : results.isError ? (
        <QueryError error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <ResultsView r={results.data} />
      )}
    </Space>
  );
}

function ResultsView({ r }: { r: Results }) {
  const t = useT();
  const [lang] = useLang();
  const phone = usePhone();
  const share = (s: Share) => `${percentText(s.n, s.of, lang)} (${s.n}/${s.of})`;
  // On a phone the grade's short name and no separate count column (the count is in each share).
  const columns = [
    {
      title: t('grading.results.grade'),
      key: 'grade',
      render: (_: unknown, row: Row) =>
        phone ? <abbr title={gradeLabel(t, row.grade)}>{gradeShort(t, row.grade)}</abbr> : `${gradeLabel(t, row.grade)} (${gradeShort(t, row.grade)})`,
    },
    ...(phone ? [] : [{ title: t('grading.results.count'), key: 'n', align: 'right' as const, render: (_: unknown, row: Row) => row.ofGraded.n }]),
    { title: t('grading.results.ofGraded'), key: 'graded', align: 'right' as const, render: (_: unknown, row: Row) => share(row.ofGraded) },
    { title: t('grading.results.ofAll'), key: 'all', align: 'right' as const, render: (_: unknown, row: Row) => share(row.ofAll) },
  ];
  const fg = r.fourGood;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('grading.results.members')} data-testid="results-members">
        <Typography.Paragraph data-testid="results-members-graded">
          {t('grading.results.graded', { share: share(r.members.graded) })} · {t('grading.results.decided', { n: r.members.decided })}
        </Typography.Paragraph>
        <Table<Row>
          rowKey="grade"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={r.members.byGrade}
          scroll={{ x: true }}
          data-testid="results-members-table"
        />
        {r.members.excluded.length > 0 && (
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="results-excluded">
            {t('grading.results.excluded')}: {r.members.excluded.map((x) => `${x.text}: ${x.n}`).join('; ')}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={t('grading.results.organisations')} data-testid="results-organisations">
        <Typography.Paragraph>
          {t('grading.results.graded', { share: share(r.organisations.graded) })} · {t('grading.results.decided', { n: r.organisations.decided })}
        </Typography.Paragraph>
        <Table<Row> rowKey="grade" size="small" pagination={false} columns={columns} dataSource={r.organisations.byGrade} scroll={{ x: true }} />
      </Card>
      <Card size="small" title={t('grading.results.fourGood')} data-testid="results-four-good">
        <Typography.Paragraph style={{ fontSize: 20, fontWeight: 600, marginBottom: 8 }} data-testid="results-four-good-share">
          {share({ n: fg.reached.n, of: fg.cells.n })}
        </Typography.Paragraph>
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          <li>{t('grading.results.underCommittees', { n: fg.reached.underCommittees, of: fg.cells.underCommittees })}</li>
          <li>{t('grading.results.grassrootsCells', { n: fg.reached.grassrootsCells, of: fg.cells.grassrootsCells })}</li>
        </ul>
      </Card>
    </Space>
  );
}
