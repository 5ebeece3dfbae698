package com.defectradar.alert;

import java.util.List;

public record AlertPage(List<AlertView> items, String nextCursor) {
}
