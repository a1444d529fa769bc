// A chart with its table beside it on a screen, above it on a phone.
import type { ReactNode } from 'react';
import { Col, Row } from 'antd';

export function ChartAndTable({ chart, table }: { chart: ReactNode; table: ReactNode }) {
  return (
    <Row gutter={[16, 12]}>
      <Col xs={24} lg={13}>{chart}</Col>
      <Col xs={24} lg={11} style={{ minWidth: 0 }}>{table}</Col>
    </Row>
  );
}
