"""rfid package."""
