import type { ReactNode } from 'react';
import { AdminScreen } from '../screens/admin/AdminScreen';
import { DocumentsScreen } from '../screens/documents/DocumentsScreen';
import { MailingsScreen } from '../screens/mailings/MailingsScreen';
import { CsvImportScreen } from '../screens/csv-import/CsvImportScreen';
import { OutboxScreen } from '../screens/digital-post/OutboxScreen';
import { NewRecordScreen } from '../screens/new-record/NewRecordScreen';
import { RecordListScreen } from '../screens/record-list/RecordListScreen';
import { RecordScreen } from '../screens/record-view/RecordScreen';
import { ResponsibilitiesScreen } from '../screens/responsibilities/ResponsibilitiesScreen';
import { useRoute } from './route';

export function RouteView(): ReactNode {
  const route = useRoute();
  switch (route.name) {
    case 'records':
      return <RecordListScreen key={route.scope} scope={route.scope} />;
    case 'record':
      return <RecordScreen key={route.id} id={route.id} />;
    case 'new':
      return <NewRecordScreen />;
    case 'import':
      return <CsvImportScreen />;
    case 'admin':
      return <AdminScreen section={route.section} />;
    case 'responsibilities':
      return <ResponsibilitiesScreen />;
    case 'outbox':
      return <OutboxScreen />;
    case 'documents':
      return <DocumentsScreen />;
    case 'mailings':
      return <MailingsScreen />;
  }
}
