import type { ReactNode } from 'react';
import { AdminScreen } from '../screens/admin/AdminScreen';
import { DocumentsScreen } from '../screens/documents/DocumentsScreen';
import { MailingsScreen } from '../screens/mailings/MailingsScreen';
import { CostsScreen } from '../screens/costs/CostsScreen';
import { CsvImportScreen } from '../screens/csv-import/CsvImportScreen';
import { OutboxScreen } from '../screens/digital-post/OutboxScreen';
import { NewRecordScreen } from '../screens/new-record/NewRecordScreen';
import { RecordListScreen } from '../screens/record-list/RecordListScreen';
import { RecordScreen } from '../screens/record-view/RecordScreen';
import { ResponsibilitiesScreen } from '../screens/responsibilities/ResponsibilitiesScreen';
import { NotificationRecordsScreen } from '../screens/notification-records/NotificationRecordsScreen';
import { KioskScreen } from '../screens/kiosk/KioskScreen';
import { MitidSettingsScreen } from '../screens/mitid-settings/MitidSettingsScreen';
import { QuestionnairesScreen } from '../screens/questionnaires/QuestionnairesScreen';
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
    case 'notification':
      return <NotificationRecordsScreen key={route.id} id={route.id} />;
    case 'outbox':
      return <OutboxScreen />;
    case 'documents':
      return <DocumentsScreen />;
    case 'mailings':
      return <MailingsScreen />;
    case 'costs':
      return <CostsScreen />;
    case 'questionnaires':
      return <QuestionnairesScreen />;
    case 'kiosk':
      return <KioskScreen key={`${route.questionnaireId}-${route.recordId}`} questionnaireId={route.questionnaireId} recordId={route.recordId} />;
    case 'mitidSettings':
      return <MitidSettingsScreen />;
  }
}
