package dev.rocket.stage1.oci;

import dev.rocket.stage1.isolation.IsolatorReport;

/** An app's OCI configuration and the record of what became of its isolators, written side by side. */
public record OciTranslation(OciConfig config, IsolatorReport report) {
}
