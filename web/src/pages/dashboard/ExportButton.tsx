// Downloads one of the dashboard's tables as .xlsx (the server writes the Vietnamese
// headings and the unit, period, date and date of extraction at the top).

import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { download } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.ts';
import { showError } from '../../lib/notify.ts';
import type { DashboardView } from './dashboard-query.ts';

export type ExportTable = 'subUnits' | 'members' | 'meetings';

export function ExportButton({ unitId, view, table }: { unitId: number; view: DashboardView; table: ExportTable }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      await download(`/figures/units/${unitId}/export.xlsx`, { table, date: view.date, from: view.from, to: view.to }, `so-lieu-${table}-${view.date}.xlsx`);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size="small" icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} className="no-print" data-testid={`export-${table}`}>
      {t('dashboard.export')}
    </Button>
  );
}
