/** Choose one of the teams one manages (shown only when there is more than one). */
import { Choices } from '@/components/Choices';
import type { TeamCard } from '@core/api';

interface Props {
  label: string;
  teams: TeamCard[];
  value: string | null;
  onChange: (teamId: string) => void;
}

export function TeamPicker({ label, teams, value, onChange }: Props) {
  if (teams.length < 2) return null;
  return <Choices label={label} options={teams.map((t) => ({ value: t.id, label: t.name }))} value={value} onChange={onChange} />;
}
