package calendar

import "reflect"

func reflectNew(v any) any { return reflect.New(reflect.TypeOf(v)).Interface() }
