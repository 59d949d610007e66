"""National scales (mutu IKM, predikat SAKIP, kategori capaian), read from `skala.yml`.

The boundaries are data: this module only knows how to read an ordered list of classes.
"""

from __future__ import annotations

from dataclasses import dataclass

from iku.bahasa import t
from iku.fmt import number, round_half_up

CAPAIAN_SCALE = "kategori_capaian"


@dataclass(frozen=True)
class ScaleClass:
    code: str
    label: str
    lower: float | None
    inclusive: bool

    def admits(self, value: float) -> bool:
        if self.lower is None:
            return True
        return value >= self.lower if self.inclusive else value > self.lower

    def rule(self) -> str:
        if self.lower is None:
            return t("selebihnya")
        return ("≥ " if self.inclusive else "> ") + number(self.lower)


@dataclass(frozen=True)
class Scale:
    key: str
    name: str
    legal_basis: str
    certainty: str
    decimals: int
    minimum: float | None
    maximum: float | None
    classes: tuple[ScaleClass, ...]

    @classmethod
    def from_dict(cls, key: str, spec: dict) -> "Scale":
        classes = []
        for entry in spec["kelas"]:
            inclusive = "batas_bawah_inklusif" in entry
            lower = entry.get("batas_bawah_inklusif", entry.get("batas_bawah_eksklusif"))
            classes.append(ScaleClass(str(entry["kode"]), str(entry["label"]), None if lower is None else float(lower), inclusive))
        return cls(
            key=key,
            name=spec["nama"],
            legal_basis=spec["dasar_hukum"],
            certainty=spec.get("kepastian", ""),
            decimals=int(spec.get("desimal", 2)),
            minimum=spec.get("minimum"),
            maximum=spec.get("maksimum"),
            classes=tuple(classes),
        )

    def classify(self, value: float | None) -> ScaleClass | None:
        if value is None:
            return None
        rounded = round_half_up(value, self.decimals)
        return next(c for c in self.classes if c.admits(rounded))


def load_scales(skala: dict) -> dict[str, Scale]:
    return {key: Scale.from_dict(key, spec) for key, spec in skala.items()}
