import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last `seq` given in each workspace's live stream. Only the relay writes it, one run at a
 * time (an advisory lock), so numbers are given in commit order, without gaps.
 */
@Entity({ name: 'live_stream_heads' })
export class LiveStreamHead {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq: string;
}
