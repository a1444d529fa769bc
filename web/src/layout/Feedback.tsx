// Where antd's messages and confirmation dialogs are drawn (inside the theme and language),
// loaded on the first one (see lib/feedback.ts).
import { Modal, message } from 'antd';
import { useEffect } from 'react';
import { provideFeedback } from '../lib/feedback.ts';

export default function Feedback() {
  const [messageApi, messageHolder] = message.useMessage();
  const [modalApi, modalHolder] = Modal.useModal();
  useEffect(() => {
    provideFeedback({ message: messageApi, modal: modalApi });
    return () => provideFeedback(null);
  }, [messageApi, modalApi]);
  return (
    <>
      {messageHolder}
      {modalHolder}
    </>
  );
}
