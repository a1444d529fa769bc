// Importing members from Excel: choose the unit, get the template, upload, check (a dry
// run that lists every problem by row and column), and only then import.

import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UploadFile } from 'antd';
import { Alert, Button, Card, Col, Empty, List, Result, Row, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError, api, download } from '../../api/client.ts';
import type { ImportReport } from '../../api/types.ts';
import { useConfirm } from '../../components/confirm.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useT } from '../../i18n/i18n.ts';
import { showError, showSuccess } from '../../lib/notify.ts';
import { usePhone } from '../../lib/use-phone.ts';

type Mode = 'dry-run' | 'apply';

function isReport(value: unknown): value is ImportReport {
  return !!value && typeof value === 'object' && Array.isArray((value as ImportReport).errors);
}

export default function ImportPage() {
  const t = useT();
  const phone = usePhone();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [unitId, setUnitId] = useState<number | null>(Number(params.get('unitId')) || null);
  const [unitName, setUnitName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<ImportReport | null>(null);
  const [applied, setApplied] = useState<ImportReport | null>(null);

  const run = useMutation({
    mutationFn: async (mode: Mode) => {
      const form = new FormData();
      form.append('file', file!);
      try {
        return await api<ImportReport>('/imports/members', { method: 'POST', query: { unitId, mode }, form });
      } catch (error) {
        // An apply that finds problems writes nothing and answers with the same report.
        if (error instanceof ApiError && isReport(error.problem.report)) return error.problem.report;
        throw error;
      }
    },
  });

  function reset(next: { file?: File | null; unitId?: number | null }) {
    if (next.file !== undefined) setFile(next.file);
    if (next.unitId !== undefined) setUnitId(next.unitId);
    setCheck(null);
    setApplied(null);
  }

  async function dryRun() {
    try {
      setCheck(await run.mutateAsync('dry-run'));
      setApplied(null);
    } catch {
      /* shown by the query cache */
    }
  }

  function apply() {
    confirm({
      title: t('imports.confirmTitle'),
      content: t('imports.confirmText', { count: check?.valid ?? 0, unit: unitName || `#${unitId}` }),
      onOk: async () => {
        const report = await run.mutateAsync('apply');
        if (report.errors.length) {
          setCheck(report);
          return;
        }
        setApplied(report);
        await Promise.all([queryClient.invalidateQueries({ queryKey: ['members'] }), queryClient.invalidateQueries({ queryKey: ['units'] })]);
        showSuccess(t('imports.done'));
      },
    });
  }

  async function template() {
    try {
      await download('/imports/members/template.xlsx', undefined, 'mau-nhap-dang-vien.xlsx');
    } catch (error) {
      showError(error);
    }
  }

  const fileList: UploadFile[] = file ? [{ uid: 'chosen', name: file.name, status: 'done', size: file.size }] : [];
  const checkedOk = !!check && check.errors.length === 0 && check.totalRows > 0;
  // A check that found problems stays on the check step, shown failed, until the file is fixed.
  const step = applied ? 4 : checkedOk ? 3 : file ? 2 : unitId ? 1 : 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('imports.title')}
      </Typography.Title>
      {!phone && (
        <Steps
          size="small"
          current={step}
          status={check && !checkedOk && !applied ? 'error' : 'process'}
          items={[
            { title: t('imports.steps.unit') },
            { title: t('imports.steps.file') },
            { title: t('imports.steps.check') },
            { title: t('imports.steps.apply') },
          ]}
        />
      )}
      <Card size="small" title={t('imports.unitAndTemplate')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <UnitSelect
            value={unitId}
            onChange={(v) => reset({ unitId: v })}
            onPick={(_, name) => setUnitName(name)}
            testId="import-unit"
            placeholder={t('imports.pickUnit')}
          />
          <Typography.Text type="secondary">{t('imports.templateHelp')}</Typography.Text>
          <Button icon={<DownloadOutlined />} onClick={() => void template()} data-testid="import-template">
            {t('imports.template')}
          </Button>
        </Space>
      </Card>
      <Card size="small" title={t('imports.fileTitle')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div data-testid="import-file">
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              fileList={fileList}
              beforeUpload={(f) => {
                reset({ file: f });
                return false;
              }}
              onRemove={() => {
                reset({ file: null });
                return true;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('imports.chooseFile')}</Button>
            </Upload>
          </div>
          <Space wrap>
            <Button
              type="primary"
              ghost
              onClick={() => void dryRun()}
              disabled={!file || !unitId}
              loading={run.isPending && run.variables === 'dry-run'}
              data-testid="import-check"
            >
              {t('imports.check')}
            </Button>
            <Button
              type="primary"
              onClick={apply}
              disabled={!checkedOk || !!applied}
              loading={run.isPending && run.variables === 'apply'}
              data-testid="import-apply"
            >
              {t('imports.apply')}
            </Button>
          </Space>
          {!unitId && <Typography.Text type="secondary">{t('imports.needUnit')}</Typography.Text>}
        </Space>
      </Card>
      {check && !applied && <CheckReport report={check} fileName={file?.name} />}
      {applied && (
        <Result
          status="success"
          title={t('imports.done')}
          data-testid="import-result"
          subTitle={t('imports.doneText', { created: applied.created, updated: applied.updated })}
          extra={
            unitId ? (
              <Link to={`/members?unitId=${unitId}`}>
                <Button type="primary">{t('imports.viewMembers')}</Button>
              </Link>
            ) : undefined
          }
        />
      )}
    </Space>
  );
}

function CheckReport({ report, fileName }: { report: ImportReport; fileName?: string }) {
  const t = useT();
  const downloadErrors = () =>
    download('/imports/members/errors.xlsx', undefined, 'loi-nhap-dang-vien.xlsx', { method: 'POST', body: { fileName, errors: report.errors } }).catch(
      (error: unknown) => showError(error),
    );
  const phone = usePhone();
  const ok = report.errors.length === 0;
  return (
    <Card size="small" title={t('imports.reportTitle')} data-testid="import-report">
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={8}>
          <Statistic title={t('imports.totalRows')} value={report.totalRows} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('imports.validRows')} value={report.valid} />
        </Col>
        <Col xs={8}>
          <Statistic
            title={t('imports.errorCount')}
            value={report.errors.length}
            styles={{ content: { color: ok ? undefined : '#cf1322' } }}
            data-testid="import-error-count"
          />
        </Col>
      </Row>
      {ok ? (
        report.totalRows > 0 ? (
          <Alert type="success" showIcon title={t('imports.checkOk', { count: report.valid })} data-testid="import-ok" />
        ) : (
          <Empty description={t('imports.noRows')} />
        )
      ) : (
        <>
          <Alert
            type="error"
            showIcon
            title={t('imports.checkFailed', { count: report.errors.length })}
            style={{ marginBottom: 12 }}
            action={
              <Button size="small" icon={<DownloadOutlined />} onClick={downloadErrors} data-testid="import-errors-xlsx">
                {t('imports.downloadErrors')}
              </Button>
            }
          />
          {phone ? (
            <List
              size="small"
              dataSource={report.errors}
              pagination={report.errors.length > 50 ? { pageSize: 50, simple: true } : false}
              renderItem={(e) => (
                <List.Item data-testid="import-error-row" style={{ display: 'block' }}>
                  <Typography.Text strong>{t('imports.rowColumn', { row: e.row, column: e.column })}</Typography.Text>
                  <div>{e.message}</div>
                </List.Item>
              )}
            />
          ) : (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              dataSource={report.errors}
              scroll={{ x: 480 }}
              pagination={report.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              onRow={() => ({ 'data-testid': 'import-error-row' }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('imports.row'), dataIndex: 'row', width: 70 },
                { title: t('imports.column'), dataIndex: 'column', width: 180 },
                { title: t('imports.message'), dataIndex: 'message' },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
