"use server";
import { serverAction } from "@/app/server-action";
import { accountHandlers } from "@/db/account-actions";
import { getDb } from "@/db/index";
import { displayNameInput, handleChangeInput } from "@/lib/account-validation-profile";

const handlers = accountHandlers(getDb);

export const changeNameAction = serverAction(displayNameInput, handlers.changeName);

export const changeHandleAction = serverAction(handleChangeInput, handlers.changeHandle);
