// CONTRACT SKELETON — the server branch builds `temper serve` here.
import TemperStore
