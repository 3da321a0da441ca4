"use client";
import { useSession } from "next-auth/react";
import { ReportButton } from "./report-button";

/** The Report button on a comment, for signed-in readers other than its author. */
export function CommentReport({
  commentId,
  authorHandle,
}: {
  commentId: number;
  authorHandle: string;
}) {
  const { data } = useSession();
  if (!data?.user || data.user.handle === authorHandle) return null;
  return (
    <span className="text-sm">
      <ReportButton targetType="comment" targetId={commentId} />
    </span>
  );
}
