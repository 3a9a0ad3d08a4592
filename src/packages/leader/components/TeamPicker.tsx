/** Choose one of the teams one manages (shown only when there is more than one choice), after an optional first choice that is not a team. */
import { Choices } from '@/components/Choices';
import type { TeamCard } from '@core/api';

interface Props {
  label: string;
  teams: TeamCard[];
  /** A choice before the teams (the admin's street-wide 复核 queue). */
  first?: { value: string; label: string };
  value: string | null;
  onChange: (teamId: string) => void;
}

export function TeamPicker({ label, teams, first, value, onChange }: Props) {
  const options = [...(first ? [first] : []), ...teams.map((t) => ({ value: t.id, label: t.name }))];
  if (options.length < 2) return null;
  return <Choices label={label} options={options} value={value} onChange={onChange} />;
}
