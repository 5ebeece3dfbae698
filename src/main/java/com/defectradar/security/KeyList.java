package com.defectradar.security;

import java.util.List;

public record KeyList(List<KeyView> items) {
}
