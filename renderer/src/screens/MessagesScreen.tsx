import { ConversationList } from '../components/ConversationList';
import { Thread } from '../components/Thread';
import { useCall } from '../hooks';

export function MessagesScreen(): React.JSX.Element {
  const conversations = useCall('conversations.list', { limit: 100 });
  return (
    <div className="messages-screen">
      <ConversationList page={conversations} />
      <Thread />
    </div>
  );
}
