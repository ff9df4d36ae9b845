"""Sessions: today's exercises, plan, preview, steps, pictures, programmes."""
