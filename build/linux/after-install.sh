#!/bin/sh
# Runs after the SMSDesk .deb is installed. USB modems appear as /dev/ttyUSB* and
# /dev/ttyACM*, owned by the "dialout" group; a user outside it cannot open them.
# Tell the administrator rather than changing group membership behind their back.
echo "SMSDesk: to use a USB modem, add each user to the 'dialout' group:  sudo usermod -aG dialout USERNAME  (then log in again)."
exit 0
