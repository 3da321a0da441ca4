"use server";
import { serverAction } from "@/app/server-action";
import { listHandlers } from "@/db/actions";
import { getDb } from "@/db/index";
import { listCreateInput } from "@/lib/validation";

export const createListAction = serverAction(listCreateInput, listHandlers(getDb).create);
