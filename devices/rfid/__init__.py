"""RFID readers: fixed LLRP readers and serial UHF readers; tag reads collapsed, then decoded to scans."""
