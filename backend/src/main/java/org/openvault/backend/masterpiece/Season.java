package org.openvault.backend.masterpiece;

import java.util.List;

/** One season of Masterpiece Theatre as Alistair Cooke introduced it: its number, years and miniseries in order. */
public record Season(int number, String years, List<Miniseries> miniseries) {
}
