/** The template configuration, bundled from notifications.json at the repository root and checked once. */
import raw from '../../../notifications.json';
import { parseNotificationsConfig, type NotificationsConfig } from '../domain/notifications';

let parsed: NotificationsConfig | null = null;

export function notificationTemplates(): NotificationsConfig {
  parsed ??= parseNotificationsConfig(raw);
  return parsed;
}
